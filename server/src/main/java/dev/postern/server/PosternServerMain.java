package dev.postern.server;

import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.RunArgumentsModule;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.dnsservice.dnsjava.DNSJavaService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.events.EventListener;
import org.apache.james.managesieve.api.SieveParser;
import org.apache.james.managesieve.jsieve.Parser;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.managesieveserver.netty.ManageSieveServerFactory;
import org.apache.james.webadmin.routes.SieveScriptRoutes;

import com.google.inject.Module;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import dev.postern.mailets.sieve.PosternSieveParser;
import dev.postern.server.thread.IndexedThreadIdGuessing;
import dev.postern.server.thread.MemoryThreadTable;
import dev.postern.server.thread.ThreadIndexCleaner;

/**
 * The Postern distribution's main class: James's memory server ({@link MemoryJamesServerMain})
 * with the bindings Postern replaces, which extension jars cannot reach:
 * <ul>
 *   <li>DNS: {@link PosternDnsService} honours {@code POSTERN_DNS=host:port} and
 *       {@code host:port} entries in {@code dnsservice.xml};</li>
 *   <li>Sieve: {@link PosternSieveParser} checks scripts and lists the SIEVE capability for
 *       ManageSieve and WebAdmin (James binds both {@link Parser}, which its ManageSieve server
 *       injects, and {@link SieveParser} in {@code SieveModule}); ManageSieve's PUTSCRIPT and
 *       WebAdmin's {@code PUT /sieve/{user}/scripts/{name}} refuse invalid scripts before storing
 *       them ({@link PosternManageSieveServerFactory}, {@link CheckedSieveScriptRoutes});
 *       ManageSieve's STARTTLS works (James 3.8.1's hangs every command after it);</li>
 *   <li>domains: {@link NotifyingDomainList} (James's memory list) tells listeners of each
 *       domain added, so DkimKeysStartable creates its DKIM keys before WebAdmin's
 *       {@code PUT /domains/NAME} answers (James 3.8.1's DomainList has no listeners; with stock
 *       James the keys come within {@code dkim.keys.checkInterval});</li>
 *   <li>threads: {@link IndexedThreadIdGuessing} gives each stored message its thread id from a
 *       table in memory, as James's distributed server does from Cassandra, instead of James's
 *       memory server searching every stored header of the user at each delivery;</li>
 *   <li>no JMX listener: WebAdmin (127.0.0.1:8000) is the administration interface.</li>
 * </ul>
 * The working directory comes from the {@code working.directory} system property, as in James.
 */
public final class PosternServerMain implements JamesServerMain {

    static final Module POSTERN_OVERRIDES = binder -> {
        binder.bind(PosternDnsService.class).in(Scopes.SINGLETON);
        binder.bind(DNSJavaService.class).to(PosternDnsService.class);
        binder.bind(PosternSieveParser.class).in(Scopes.SINGLETON);
        binder.bind(Parser.class).to(PosternSieveParser.class);
        binder.bind(SieveParser.class).to(PosternSieveParser.class);
        binder.bind(PosternManageSieveServerFactory.class).in(Scopes.SINGLETON);
        binder.bind(ManageSieveServerFactory.class).to(PosternManageSieveServerFactory.class);
        binder.bind(SieveScriptRoutes.class).to(CheckedSieveScriptRoutes.class);
        binder.bind(NotifyingDomainList.class).in(Scopes.SINGLETON);
        binder.bind(DomainList.class).to(NotifyingDomainList.class);
        binder.bind(MemoryThreadTable.class).in(Scopes.SINGLETON);
        binder.bind(IndexedThreadIdGuessing.class).in(Scopes.SINGLETON);
        binder.bind(ThreadIdGuessingAlgorithm.class).to(IndexedThreadIdGuessing.class);
    };

    /** Additions, not replacements: combined with James's modules, not overriding them. */
    static final Module POSTERN_ADDITIONS = binder -> Multibinder
        .newSetBinder(binder, EventListener.ReactiveGroupEventListener.class)
        .addBinding().to(ThreadIndexCleaner.class);

    private PosternServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ExtraProperties.initialize();
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        GuiceJamesServer server = MemoryJamesServerMain.createServer(configuration)
            .combineWith(new FakeSearchMailboxModule(), POSTERN_ADDITIONS)
            .overrideWith(POSTERN_OVERRIDES, new RunArgumentsModule(args));
        JamesServerMain.main(server);
    }
}
