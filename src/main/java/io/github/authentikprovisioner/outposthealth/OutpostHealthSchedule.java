package io.github.authentikprovisioner.outposthealth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * Runs the outpost check on schedule: a tick every second asks whether one is due, so the first check runs as soon as
 * authentik answers after start and the interval stays configurable as a duration ({@link OutpostHealthConfig}).
 */
@ApplicationScoped
class OutpostHealthSchedule {

    private final OutpostHealthService service;

    OutpostHealthSchedule(OutpostHealthService service) {
        this.service = service;
    }

    @Scheduled(identity = "outpost-health", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        service.checkIfDue();
    }
}
