package org.hebbian4j.docs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that runs the region {@link #value()} shown in the docs: when the test fails, its failure
 * names the doc file and line of the block that shows the region ({@link DocExampleExtension}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DocExampleExtension.class)
public @interface DocExample {

    /** The region's name, as in {@code // doc:begin NAME} and {@code <!-- example: NAME -->}. */
    String value();
}
