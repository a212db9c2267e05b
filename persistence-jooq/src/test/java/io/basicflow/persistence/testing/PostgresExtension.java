package io.basicflow.persistence.testing;

import java.lang.reflect.AnnotatedElement;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class a fresh PostgreSQL database with the basicflow schema, on the one embedded
 * server of the test JVM ({@link TestPostgresServer}).
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class MyStoreTest {
 *     @Test
 *     void storesSomething(TestDatabase database) {
 *         try (Database db = database.startDatabase()) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters of type {@link TestDatabase} (constructor, {@code @BeforeAll}, {@code @BeforeEach},
 * test methods) all receive the same database for the whole class; {@code @Nested} classes share
 * their outer class's. The database is dropped after the class. Parameters of type
 * {@link TestPostgresServer} receive the server, for fault tests.
 *
 * <p>Other modules get this class from this module's test-jar:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>io.basicflow</groupId>
 *   <artifactId>persistence-jooq</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>(plus the module itself, {@code persistence-jooq}, for the server and the migrations).
 */
public final class PostgresExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    /** Used by JUnit. */
    public PostgresExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == TestPostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == TestPostgresServer.class) {
            return TestPostgresServer.shared();
        }
        return testDatabase(context);
    }

    /**
     * The database of the test class of a context, made on first use: for other extensions (e.g.
     * {@link ReplayVerification}) that work on the same database as the tests.
     *
     * @param context any context of the test class
     * @return its database
     */
    public static TestDatabase testDatabase(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        // The store looks in outer classes' stores first, so @Nested classes reuse their outer database;
        // JUnit closes (drops) it when the class that created it is done.
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        TestDatabase.class,
                        key -> TestPostgresServer.shared()
                                .createDatabase(
                                        classContext.getRequiredTestClass().getSimpleName()),
                        TestDatabase.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (!current.getElement().map(PostgresExtension::isClass).orElse(false)) {
            current = current.getParent()
                    .orElseThrow(() -> new IllegalStateException(
                            "PostgresExtension needs a test class; use it with @ExtendWith on a class"));
        }
        return current;
    }

    private static boolean isClass(AnnotatedElement element) {
        return element instanceof Class<?>;
    }
}
