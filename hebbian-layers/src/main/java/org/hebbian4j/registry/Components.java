package org.hebbian4j.registry;

import org.hebbian4j.competition.Competition;
import org.hebbian4j.competition.HardWta;
import org.hebbian4j.competition.KWta;
import org.hebbian4j.competition.LateralInhibition;
import org.hebbian4j.competition.NoCompetition;
import org.hebbian4j.competition.PowerSoftWta;
import org.hebbian4j.competition.RankKAntiHebbian;
import org.hebbian4j.competition.Rectified;
import org.hebbian4j.competition.RectifiedSoftWta;
import org.hebbian4j.competition.SoftWta;
import org.hebbian4j.competition.Triangle;
import org.hebbian4j.homeostasis.AdaptiveThreshold;
import org.hebbian4j.homeostasis.GrowthFactor;
import org.hebbian4j.homeostasis.Homeostasis;
import org.hebbian4j.homeostasis.NoHomeostasis;
import org.hebbian4j.rules.AntiHebbianSoftHebbRule;
import org.hebbian4j.rules.HebbNetRule;
import org.hebbian4j.rules.HebbianDescentRule;
import org.hebbian4j.rules.HebbRule;
import org.hebbian4j.rules.InstarRule;
import org.hebbian4j.rules.KrotovRule;
import org.hebbian4j.rules.LearningRule;
import org.hebbian4j.rules.LiusonRule;
import org.hebbian4j.rules.MeanInstarRule;
import org.hebbian4j.rules.OjaRule;
import org.hebbian4j.rules.RewardWeightedInstarRule;
import org.hebbian4j.rules.SangerRule;
import org.hebbian4j.rules.SoftHebbRule;
import org.hebbian4j.rules.SupervisedHebbRule;

import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every rule, competition and homeostasis mechanism by name, with its default instance.
 *
 * <p>Hyperparameters are the record components of each class; {@link #create} builds an instance
 * from a name and {@code key=value} settings (unknown keys and bad values are errors naming the
 * component and listing its hyperparameters). Supervised rules ({@link LearningRule#requiresTargets()},
 * e.g. "supervised-hebb") are listed with the others but only fit an output layer
 * ({@code HebbianOutputLayer}); a hidden layer's builder rejects them.
 */
public final class Components {

    /** The kinds of component. */
    public enum Kind {
        RULE("rule"), COMPETITION("competition"), HOMEOSTASIS("homeostasis");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final Map<String, LearningRule> RULES = byName(LearningRule::name,
            new HebbRule(), new OjaRule(), new SangerRule(), new InstarRule(), new MeanInstarRule(), new RewardWeightedInstarRule(), new SoftHebbRule(),
            new AntiHebbianSoftHebbRule(), new KrotovRule(), new HebbNetRule(), new LiusonRule(),
            new SupervisedHebbRule(), new HebbianDescentRule());

    private static final Map<String, Competition> COMPETITIONS = byName(Competition::name,
            new NoCompetition(), new Rectified(), new Triangle(), new HardWta(), new KWta(5), new SoftWta(1.0),
            new RectifiedSoftWta(1.0), new PowerSoftWta(20), new RankKAntiHebbian(7, 0.4), new LateralInhibition(10));

    private static final Map<String, Homeostasis> HOMEOSTASIS = byName(Homeostasis::name,
            new NoHomeostasis(), new AdaptiveThreshold(20), new GrowthFactor());

    private Components() {
    }

    @SafeVarargs
    private static <T> Map<String, T> byName(Function<T, String> name, T... defaults) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T t : defaults) {
            map.put(name.apply(t), t);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Default instances by name, in documentation order. */
    public static Map<String, ?> defaults(Kind kind) {
        return switch (kind) {
            case RULE -> RULES;
            case COMPETITION -> COMPETITIONS;
            case HOMEOSTASIS -> HOMEOSTASIS;
        };
    }

    /** A rule by name with settings applied to its defaults. */
    public static LearningRule rule(String name, Map<String, String> settings) {
        return (LearningRule) create(Kind.RULE, name, settings);
    }

    /** A competition by name with settings applied to its defaults. */
    public static Competition competition(String name, Map<String, String> settings) {
        return (Competition) create(Kind.COMPETITION, name, settings);
    }

    /** A homeostasis mechanism by name with settings applied to its defaults. */
    public static Homeostasis homeostasis(String name, Map<String, String> settings) {
        return (Homeostasis) create(Kind.HOMEOSTASIS, name, settings);
    }

    /**
     * The component {@code name} of {@code kind}, its defaults overridden by {@code settings}
     * (hyperparameter name to value as text).
     *
     * @throws IllegalArgumentException for an unknown name or hyperparameter, or a bad value (the
     *                                  component's own validation message)
     */
    public static Object create(Kind kind, String name, Map<String, String> settings) {
        Map<String, ?> table = defaults(kind);
        Object base = table.get(name == null ? null : name.toLowerCase(Locale.ROOT));
        if (base == null) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; known: "
                    + String.join(", ", table.keySet()));
        }
        if (settings == null || settings.isEmpty()) {
            return base;
        }
        RecordComponent[] components = base.getClass().getRecordComponents();
        Map<String, Object> values = hyperparameters(base);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                throw new IllegalArgumentException(kind + " '" + name + "' has no hyperparameter '" + e.getKey()
                        + "'" + (values.isEmpty() ? " (it has none)" : "; it has: " + String.join(", ", values.keySet())));
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String text = settings.get(c.getName());
            args[i] = text == null ? values.get(c.getName()) : parse(kind, name, c, text);
        }
        try {
            Constructor<?> canonical = base.getClass().getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + base.getClass().getName() + ": " + e, e);
        }
    }

    /** A component's hyperparameters, name to value, in declaration order. */
    public static Map<String, Object> hyperparameters(Object component) {
        Map<String, Object> out = new LinkedHashMap<>();
        RecordComponent[] components = component.getClass().getRecordComponents();
        if (components == null) {
            return out;
        }
        for (RecordComponent c : components) {
            try {
                out.put(c.getName(), c.getAccessor().invoke(component));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + component, e);
            }
        }
        return out;
    }

    /** "name(key=value, ...)" for listings. */
    public static String describe(String name, Object component) {
        Map<String, Object> h = hyperparameters(component);
        return h.isEmpty() ? name : name + "(" + h.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The constant of an enum hyperparameter named by {@code text}, ignoring case ("neuron" = NEURON). */
    private static Object enumConstant(Kind kind, String name, RecordComponent c, Class<?> type, String text) {
        Object[] constants = type.getEnumConstants();
        for (Object constant : constants) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        throw new IllegalArgumentException(kind + " '" + name + "': " + c.getName() + " must be one of "
                + Arrays.stream(constants).map(o -> ((Enum<?>) o).name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ", got '" + text + "'");
    }

    private static Object parse(Kind kind, String name, RecordComponent c, String text) {
        Class<?> type = c.getType();
        try {
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(text.trim());
            }
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text.trim());
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(text.trim());
            }
            if (type == boolean.class || type == Boolean.class) {
                String t = text.trim().toLowerCase(Locale.ROOT);
                if (!t.equals("true") && !t.equals("false")) {
                    throw new NumberFormatException("not true/false");
                }
                return Boolean.parseBoolean(t);
            }
            if (type == String.class) {
                return text;
            }
            if (type == ILossFunction.class) {
                // A DL4J loss by its enum name ("mse", "l2", "mcxent", ...) or as it prints ("LossMSE()").
                for (LossFunctions.LossFunction loss : LossFunctions.LossFunction.values()) {
                    if (loss.getILossFunction().toString().equalsIgnoreCase(text.trim())) {
                        return loss.getILossFunction();
                    }
                }
                return ((LossFunctions.LossFunction) enumConstant(kind, name, c, LossFunctions.LossFunction.class, text))
                        .getILossFunction();
            }
            if (type.isEnum()) {
                return enumConstant(kind, name, c, type, text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + " '" + name + "': " + c.getName() + " must be a "
                    + type.getSimpleName() + ", got '" + text + "'");
        }
        throw new IllegalArgumentException(kind + " '" + name + "': hyperparameter " + c.getName()
                + " of type " + type.getSimpleName() + " cannot be set from text");
    }
}
