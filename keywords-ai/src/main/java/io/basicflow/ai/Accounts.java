package io.basicflow.ai;

import io.basicflow.spi.EffectKind;
import io.basicflow.spi.Invocation;
import io.basicflow.spi.InvocationContext;
import io.basicflow.spi.KeywordDefinition;
import io.basicflow.spi.KeywordException;
import io.basicflow.spi.ParameterDefinition;
import io.basicflow.spi.RetryPolicy;
import io.basicflow.spi.value.ListValue;
import io.basicflow.spi.value.NullValue;
import io.basicflow.spi.value.TextValue;
import io.basicflow.spi.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code USE ACCOUNT "email"}: a connected account's content becomes searchable by the execution's
 * later {@code LLM} calls and {@code THINK KB}, like a knowledge base. basicflow does not speak to Gmail
 * or Microsoft 365 (no OAuth here): an account's content is the folder {@code
 * <basicflow.ai.account-folder>/<email>/}, where a sync job keeps its mails and files as documents
 * ({@code .txt}, {@code .md}, {@code .html}, {@code .eml} is not read). The accounts in use are an
 * execution value; {@code basicflow.ai.default-accounts} ({@code a@x.com;b@y.com}) are in use in every
 * execution.
 */
final class Accounts {

    static final String USE_ACCOUNT = "USE ACCOUNT";
    static final String ACCOUNTS_VALUE = "accounts";
    /** How an account is named among the knowledge bases in {@code THINK KB}'s {@code kb_name}. */
    static final String PREFIX = "account:";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s/\\\\]+@[^@\\s/\\\\]+\\.[^@\\s/\\\\]+");

    static final KeywordDefinition DEFINITION = KeywordDefinition.builder(USE_ACCOUNT)
            .parameter(ParameterDefinition.required("email", "the connected account's address"))
            .effect(EffectKind.PURE)
            .retry(RetryPolicy.NONE)
            .description("Makes a connected account's mails and files (its folder of basicflow.ai.account-folder)"
                    + " searchable by this execution's later LLM calls and THINK KB.")
            .build();

    private final KnowledgeBases knowledge;

    Accounts(KnowledgeBases knowledge) {
        this.knowledge = knowledge;
    }

    Value useAccount(Invocation invocation) throws KeywordException {
        if (!KnowledgeBases.modelAvailable()) {
            throw KeywordException.permanent(KnowledgeBases.MODEL_MISSING.replace("USE KB", USE_ACCOUNT));
        }
        String email = email(invocation.argument("email").display());
        AiSettings settings = new AiSettings(invocation.context().configuration());
        knowledge.configure(invocation.context().configuration());
        knowledge.index(folder(settings, email));
        List<String> active = new ArrayList<>(chosen(invocation.context()));
        if (!active.contains(email)) {
            active.add(email);
            invocation
                    .context()
                    .setExecutionValue(
                            ACCOUNTS_VALUE,
                            new ListValue(
                                    active.stream().<Value>map(TextValue::new).toList()));
        }
        return NullValue.NULL;
    }

    private static String email(String written) throws KeywordException {
        String email = written.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw KeywordException.permanent(USE_ACCOUNT + " needs the e-mail address of a connected account, such"
                    + " as \"support@company.com\", not '" + written + "'");
        }
        return email;
    }

    /** An account's folder, which must exist. */
    static Path folder(AiSettings settings, String email) throws KeywordException {
        Optional<String> root = settings.value("account-folder");
        if (root.isEmpty()) {
            throw KeywordException.permanent(USE_ACCOUNT + " \"" + email + "\": no account is connected; basicflow"
                    + " reads a connected account from a folder its sync keeps (mails and files as documents): set"
                    + " basicflow.ai.account-folder to the folder that holds one subfolder per account");
        }
        Path base = Path.of(root.get().strip()).toAbsolutePath().normalize();
        Path folder = base.resolve(email).normalize();
        if (!folder.startsWith(base) || !Files.isDirectory(folder)) {
            throw KeywordException.permanent(USE_ACCOUNT + " \"" + email + "\": the account is not connected: there"
                    + " is no folder " + folder + " (basicflow.ai.account-folder is " + base + ")");
        }
        return folder;
    }

    private static List<String> chosen(InvocationContext context) {
        return context.executionValue(ACCOUNTS_VALUE)
                .filter(ListValue.class::isInstance)
                .map(value -> ((ListValue) value)
                        .elements().stream().map(Value::display).toList())
                .orElse(List.of());
    }

    /** The accounts in use: the default ones, then those of {@code USE ACCOUNT}. */
    static List<String> active(InvocationContext context) {
        Set<String> accounts = new LinkedHashSet<>();
        new AiSettings(context.configuration()).value("default-accounts").ifPresent(list -> {
            for (String account : list.split("[;,]")) {
                if (!account.isBlank()) {
                    accounts.add(account.strip().toLowerCase(Locale.ROOT));
                }
            }
        });
        accounts.addAll(chosen(context));
        return List.copyOf(accounts);
    }

    /** The folders of the accounts in use, named {@code account:<email>}; a missing one is left out. */
    static Map<String, Path> folders(InvocationContext context, AiSettings settings) {
        Map<String, Path> folders = new LinkedHashMap<>();
        for (String account : active(context)) {
            try {
                folders.put(PREFIX + account, folder(settings, account));
            } catch (KeywordException e) {
                // a default account that is not synced here: nothing to search
            }
        }
        return folders;
    }
}
