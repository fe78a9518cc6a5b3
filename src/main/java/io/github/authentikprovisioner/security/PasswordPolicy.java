package io.github.authentikprovisioner.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.github.authentikprovisioner.recipes.Patterns;

/** Desired password policy: static complexity rules and the message users see when a password breaks them. */
@Schema(name = "PasswordPolicy", description = "Password complexity policy (seed: 'Password policy')")
public record PasswordPolicy(
        @Schema(description = "Name of the password policy", defaultValue = "password-complexity")
        @Size(min = 1, max = 200) @Pattern(regexp = Patterns.TRIMMED, message = Patterns.TRIMMED_MESSAGE) String name,

        @Schema(description = "Minimum length", defaultValue = "12") @Min(0) @Max(MAX_LENGTH) Integer minLength,
        @Schema(description = "Minimum number of uppercase letters", defaultValue = "1") @Min(0) @Max(MAX_COUNT)
        Integer minUppercase,
        @Schema(description = "Minimum number of lowercase letters", defaultValue = "1") @Min(0) @Max(MAX_COUNT)
        Integer minLowercase,
        @Schema(description = "Minimum number of digits", defaultValue = "1") @Min(0) @Max(MAX_COUNT) Integer minDigits,
        @Schema(description = "Minimum number of symbols", defaultValue = "1") @Min(0) @Max(MAX_COUNT)
        Integer minSymbols,

        @Schema(description = "Shown when a password breaks the rules; generated from the rules when absent",
                examples = "Please enter a minimum of 12 characters with at least 1 uppercase, 1 lowercase, 1 digit "
                        + "and 1 symbol character.")
        @Size(min = 1, max = 1000) @Pattern(regexp = Patterns.NOT_BLANK, message = Patterns.NOT_BLANK_MESSAGE) String errorMessage) {

    static final int MAX_LENGTH = 1024;
    static final int MAX_COUNT = 256;

    public PasswordPolicy {
        name = name == null ? "password-complexity" : name;
        minLength = minLength == null ? 12 : minLength;
        minUppercase = minUppercase == null ? 1 : minUppercase;
        minLowercase = minLowercase == null ? 1 : minLowercase;
        minDigits = minDigits == null ? 1 : minDigits;
        minSymbols = minSymbols == null ? 1 : minSymbols;
        errorMessage = errorMessage == null ? describe(minLength, minUppercase, minLowercase, minDigits, minSymbols)
                : errorMessage;
    }

    /**
     * The seed's wording for the rules, e.g. "Please enter a minimum of 12 characters with at least 1 uppercase,
     * 1 lowercase, 1 digit and 1 symbol character."
     */
    static String describe(int length, int uppercase, int lowercase, int digits, int symbols) {
        List<String> parts = new ArrayList<>();
        int last = 0;
        for (var rule : List.of(new Object[] { uppercase, "uppercase" }, new Object[] { lowercase, "lowercase" },
                new Object[] { digits, "digit" }, new Object[] { symbols, "symbol" })) {
            int count = (Integer) rule[0];
            if (count > 0) {
                parts.add(count + " " + rule[1]);
                last = count;
            }
        }
        StringBuilder out = new StringBuilder("Please enter ");
        out.append(length > 0 ? "a minimum of " + length + (length == 1 ? " character" : " characters") : "a password");
        if (!parts.isEmpty()) {
            String list = parts.size() == 1 ? parts.getFirst()
                    : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
            out.append(" with at least ").append(list).append(last == 1 ? " character" : " characters");
        }
        return out.append('.').toString();
    }
}
