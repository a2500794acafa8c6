package io.sluice.records;

import java.util.Objects;

/**
 * One backend of a pool.
 *
 * @param weight   share of the requests within its priority group, relative to the other members
 * @param priority group number; 1 is tried first, 2 only when every member of group 1 is unavailable
 */
public record PoolMember(String backend, int weight, int priority) {
    public PoolMember {
        Objects.requireNonNull(backend, "backend");
        if (weight < 1) {
            throw new IllegalArgumentException("weight of " + backend + " must be at least 1");
        }
        if (priority < 1) {
            throw new IllegalArgumentException("priority of " + backend + " must be at least 1");
        }
    }

    public static PoolMember of(String backend) {
        return new PoolMember(backend, 1, 1);
    }
}
