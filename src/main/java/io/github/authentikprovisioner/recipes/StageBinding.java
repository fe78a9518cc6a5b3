package io.github.authentikprovisioner.recipes;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One flow–stage binding a recipe ensured, as reported in its answer. */
@Schema(name = "StageBinding", description = "A stage bound in a flow at an order, or ensured not to be bound there")
public record StageBinding(
        @Schema(description = "Slug of the flow", examples = "recovery") String flow,
        @Schema(description = "Position in the flow; absent when the stage is ensured not to be bound",
                nullable = true, examples = "10") Integer order,
        @Schema(description = "Name of the stage", examples = "recovery-email") String stage,
        @Schema(description = "Whether the stage is bound in the flow") boolean bound) {
}
