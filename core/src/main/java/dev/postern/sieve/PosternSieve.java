package dev.postern.sieve;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.jsieve.CommandManager;
import org.apache.jsieve.ComparatorManager;
import org.apache.jsieve.ComparatorManagerImpl;
import org.apache.jsieve.ExecutableCommand;
import org.apache.jsieve.SieveFactory;
import org.apache.jsieve.parser.generated.SieveParserVisitor;
import org.apache.jsieve.SieveParserVisitorImpl;
import org.apache.jsieve.TestManager;
import org.apache.jsieve.commands.Discard;
import org.apache.jsieve.commands.Else;
import org.apache.jsieve.commands.Elsif;
import org.apache.jsieve.commands.If;
import org.apache.jsieve.commands.Stop;
import org.apache.jsieve.commands.optional.Reject;
import org.apache.jsieve.commands.optional.Vacation;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.exception.StopException;
import org.apache.jsieve.mail.Action;
import org.apache.jsieve.mail.MailAdapter;
import org.apache.jsieve.parser.generated.Node;
import org.apache.jsieve.parser.generated.ParseException;
import org.apache.jsieve.tests.AllOf;
import org.apache.jsieve.tests.AnyOf;
import org.apache.jsieve.tests.ExecutableTest;
import org.apache.jsieve.tests.False;
import org.apache.jsieve.tests.Not;
import org.apache.jsieve.tests.Size;
import org.apache.jsieve.tests.True;

import dev.postern.sieve.enotify.NotifyCommand;
import dev.postern.sieve.enotify.NotifyMethodCapabilityTest;
import dev.postern.sieve.enotify.ValidNotifyMethodTest;
import dev.postern.sieve.imap4flags.FlagCommand;
import dev.postern.sieve.imap4flags.HasFlagTest;
import dev.postern.sieve.mailbox.MailboxExistsTest;
import dev.postern.sieve.variables.SetCommand;
import dev.postern.sieve.variables.StringTest;

/**
 * The Sieve interpreter: jSieve 0.8's parser and control flow with Postern's commands and tests.
 *
 * <pre>
 * PosternSieve sieve = PosternSieve.create(SubaddressConfig.DEFAULT);
 * Node script = sieve.parse(text);                 // ParseException says line and column
 * List&lt;Action&gt; actions = sieve.evaluate(mail, script); // FileIntoAction, KeepAction, ...
 * </pre>
 *
 * <p>{@link #factory()} is a jSieve {@link SieveFactory} for code that wants one (a ManageSieve
 * parser); its {@code evaluate} runs with Postern's context too.
 */
public final class PosternSieve {

    /** What "require" accepts (RFC 5228 section 3.2); also ManageSieve's SIEVE capability list. */
    public static final Set<String> CAPABILITIES = Set.of(
        "fileinto", "reject", "envelope", "body", "vacation", "encoded-character",
        "variables", "subaddress", "mailbox", "enotify", "regex", "imap4flags", "copy", "relational",
        "comparator-i;octet", "comparator-i;ascii-casemap", "comparator-i;ascii-numeric");

    /** RFC 5804 section 1.7 NOTIFY capability: the notification methods enotify supports. */
    public static final List<String> NOTIFY_METHODS = List.of("mailto");

    private final Factory factory;

    private PosternSieve(SubaddressConfig subaddress) {
        Map<String, Supplier<ExecutableCommand>> commands = new HashMap<>();
        commands.put("if", If::new);
        commands.put("elsif", Elsif::new);
        commands.put("else", Else::new);
        commands.put("stop", Stop::new);
        commands.put("discard", Discard::new);
        commands.put("reject", () -> new ExpandingCommand(new Reject()));
        commands.put("vacation", () -> new ExpandingCommand(new Vacation()));
        commands.put("require", () -> new RequireCommand(CAPABILITIES));
        commands.put("keep", KeepCommand::new);
        commands.put("fileinto", FileIntoCommand::new);
        commands.put("redirect", RedirectCommand::new);
        commands.put("set", SetCommand::new);
        commands.put("setflag", FlagCommand.SetFlag::new);
        commands.put("addflag", FlagCommand.AddFlag::new);
        commands.put("removeflag", FlagCommand.RemoveFlag::new);
        commands.put("notify", NotifyCommand::new);

        Map<String, Supplier<ExecutableTest>> tests = new HashMap<>();
        tests.put("allof", AllOf::new);
        tests.put("anyof", AnyOf::new);
        tests.put("not", Not::new);
        tests.put("true", True::new);
        tests.put("false", False::new);
        tests.put("size", Size::new);
        tests.put("body", dev.postern.sieve.body.BodyTest::new);
        tests.put("address", AddressTest::new);
        tests.put("header", HeaderTest::new);
        tests.put("envelope", EnvelopeTest::new);
        tests.put("exists", ExistsTest::new);
        tests.put("string", StringTest::new);
        tests.put("hasflag", HasFlagTest::new);
        tests.put("mailboxexists", MailboxExistsTest::new);
        tests.put("valid_notify_method", ValidNotifyMethodTest::new);
        tests.put("notify_method_capability", NotifyMethodCapabilityTest::new);

        ConcurrentHashMap<String, String> comparators = new ConcurrentHashMap<>();
        comparators.put("i;octet", "org.apache.jsieve.comparators.Octet");
        comparators.put("i;ascii-casemap", "org.apache.jsieve.comparators.AsciiCasemap");
        comparators.put("i;ascii-numeric", "org.apache.jsieve.comparators.AsciiNumeric");

        this.factory = new Factory(new ExtensionCommandManager(commands, CAPABILITIES),
            new ComparatorManagerImpl(comparators), new ExtensionTestManager(tests), subaddress,
            Set.copyOf(commands.keySet()), Set.copyOf(tests.keySet()));
    }

    public static PosternSieve create(SubaddressConfig subaddress) {
        return new PosternSieve(subaddress);
    }

    public static PosternSieve create() {
        return create(SubaddressConfig.DEFAULT);
    }

    public SieveFactory factory() {
        return factory;
    }

    /**
     * Parses and checks a script (see {@link ScriptText} for the lexical clean-up and {@link
     * ScriptValidator} for the checks). The ParseException message gives line and column.
     */
    public Node parse(String script) throws ParseException {
        return factory.parse(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Runs a parsed script. Returns the actions in script order, the implicit keep (RFC 5228
     * section 2.10.2) last when it applies. The mail's own {@code executeActions} is not called:
     * the caller carries the actions out.
     */
    public List<Action> evaluate(SieveMail mail, Node script) throws SieveException {
        return factory.run(mail, script);
    }

    /** jSieve's factory with our run context; {@code evaluate} also executes the actions. */
    static final class Factory extends SieveFactory {
        private final CommandManager commands;
        private final ComparatorManager comparators;
        private final TestManager tests;
        private final SubaddressConfig subaddress;
        private final Set<String> commandNames;
        private final Set<String> testNames;

        Factory(CommandManager commands, ComparatorManager comparators, TestManager tests,
                SubaddressConfig subaddress, Set<String> commandNames, Set<String> testNames) {
            super(commands, comparators, tests);
            this.commandNames = commandNames;
            this.testNames = testNames;
            this.commands = commands;
            this.comparators = comparators;
            this.tests = tests;
            this.subaddress = subaddress;
        }

        /**
         * Parses raw script bytes (UTF-8) with jSieve's parser and {@link ScriptValidator}. Callers
         * with a String should use {@link PosternSieve#parse(String)}, which also applies
         * {@link ScriptText}; this override does that too, so ManageSieve validation agrees.
         */
        @Override
        public Node parse(java.io.InputStream in) throws ParseException {
            String text;
            try {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new ParseException("sieve: cannot read script: " + e.getMessage());
            }
            String prepared = ScriptText.prepare(text);
            try {
                org.apache.jsieve.parser.generated.SimpleNode node = new org.apache.jsieve.parser.generated.SieveParser(
                    new ByteArrayInputStream(prepared.getBytes(StandardCharsets.UTF_8)), "UTF-8").start();
                new ScriptValidator(commandNames, testNames, CAPABILITIES).validate(node);
                return node;
            } catch (org.apache.jsieve.parser.generated.TokenMgrError e) {
                throw new ParseException("sieve: " + e.getMessage());
            }
        }

        @Override
        public List<String> getExtensions() {
            return commands.getExtensions();
        }

        List<Action> run(MailAdapter mail, Node script) throws SieveException {
            SieveRunContext context = new SieveRunContext(commands, comparators, tests, subaddress);
            try {
                mail.setContext(context);
                SieveParserVisitor visitor = new SieveParserVisitorImpl(context);
                try {
                    script.jjtAccept(visitor, mail);
                } catch (StopException stop) {
                    // RFC 5228 section 3.3: stop ends the script; the implicit keep still applies.
                }
                if (context.getCommandStateManager().isImplicitKeep()) {
                    List<String> flags = context.isRequired("imap4flags")
                        ? new ArrayList<>(context.internalFlags()) : List.of();
                    mail.addAction(new KeepAction(flags));
                }
                return new ArrayList<>(mail.getActions());
            } finally {
                mail.setContext(null);
            }
        }

        @Override
        public void evaluate(MailAdapter mail, Node startNode) throws SieveException {
            run(mail, startNode);
            mail.executeActions();
        }
    }
}
