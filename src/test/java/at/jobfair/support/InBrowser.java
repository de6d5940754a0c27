package at.jobfair.support;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that drives a real browser (the slow half of the suite): tagged {@code browser}, so that
 * {@code mvn test -DexcludedGroups=browser} runs everything else in a fraction of the time. Every test class or method
 * that starts Chromium carries it (subclasses of {@link BrowserTestSupport} inherit it).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("browser")
public @interface InBrowser {
}
