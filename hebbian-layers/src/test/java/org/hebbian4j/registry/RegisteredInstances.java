package org.hebbian4j.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the contracts test: the instances a test supplies and the default instance registered for each of their classes. */
public final class RegisteredInstances {

    private RegisteredInstances() {
    }

    /**
     * @param supplied the test's instances, not empty
     * @param kind     where the defaults are registered
     * @param test     the test's name, for the message when {@code supplied} is empty
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> withRegisteredDefaults(List<T> supplied, Components.Kind kind, String test) {
        List<T> all = new ArrayList<>(supplied);
        if (all.isEmpty()) {
            throw new IllegalStateException(test + ": no instances under test");
        }
        Set<Class<?>> classes = new HashSet<>();
        for (T t : supplied) {
            if (classes.add(t.getClass())) {
                Components.defaults(kind).values().stream()
                        .filter(registered -> registered.getClass() == t.getClass())
                        .map(registered -> (T) registered)
                        .filter(registered -> !all.contains(registered))
                        .forEach(all::add);
            }
        }
        return all;
    }
}
