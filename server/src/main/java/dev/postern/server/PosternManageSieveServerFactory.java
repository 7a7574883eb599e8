package dev.postern.server;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.managesieve.api.Session;
import org.apache.james.managesieve.api.SieveParser;
import org.apache.james.managesieve.api.SyntaxException;
import org.apache.james.managesieve.core.CoreProcessor;
import org.apache.james.managesieve.transcode.ArgumentParser;
import org.apache.james.managesieve.transcode.ManageSieveProcessor;
import org.apache.james.managesieveserver.netty.ManageSieveServer;
import org.apache.james.managesieveserver.netty.ManageSieveServerFactory;
import org.apache.james.managesieveserver.netty.NettyConstants;
import org.apache.james.protocols.api.CommandDetectionSession;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.protocols.netty.AllButStartTlsLineBasedChannelHandler;
import org.apache.james.protocols.netty.ChannelHandlerFactory;
import org.apache.james.protocols.lib.netty.AbstractConfigurableAsyncServer;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.user.api.UsersRepository;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * James's ManageSieve servers with two fixes to James 3.8.1:
 * <ul>
 *   <li>PUTSCRIPT checks the script before storing it. James's {@link CoreProcessor#putScript}
 *       stores first and parses after, so a script it answers NO to is stored anyway (and can
 *       then be activated). RFC 5804 section 2.6: the server "MUST NOT" store an invalid script.</li>
 *   <li>STARTTLS works. James's framer ({@link AllButStartTlsLineBasedChannelHandler}) looks for
 *       the session that tells it STARTTLS is over under a channel attribute ManageSieve never
 *       sets, so it refuses every command after STARTTLS as an injection and the connection
 *       hangs: no client that honours the advertised STARTTLS (sieve-connect, Thunderbird) could
 *       log in. {@link StartTlsFramer} looks where ManageSieve keeps it.</li>
 * </ul>
 */
public class PosternManageSieveServerFactory extends ManageSieveServerFactory {

    private final SieveRepository sieveRepository;
    private final UsersRepository usersRepository;
    private final SieveParser parser;
    private FileSystem fileSystem;
    private ManageSieveProcessor processor;

    @Inject
    public PosternManageSieveServerFactory(SieveRepository sieveRepository, UsersRepository usersRepository, SieveParser parser) {
        this.sieveRepository = sieveRepository;
        this.usersRepository = usersRepository;
        this.parser = parser;
    }

    @Override
    @Inject
    public void setFileSystem(FileSystem fileSystem) {
        super.setFileSystem(fileSystem);
        this.fileSystem = fileSystem;
    }

    @Override
    public void init() throws Exception {
        processor = new ManageSieveProcessor(new ArgumentParser(new CheckFirstCoreProcessor(sieveRepository, usersRepository, parser)));
        super.init();
    }

    /** As James's, with {@link CheckFirstCoreProcessor}. */
    @Override
    protected List<AbstractConfigurableAsyncServer> createServers(HierarchicalConfiguration<ImmutableNode> config) throws Exception {
        List<AbstractConfigurableAsyncServer> servers = new ArrayList<>();
        for (HierarchicalConfiguration<ImmutableNode> serverConfig : config.configurationsAt("managesieveserver")) {
            ManageSieveServer server = new StartTlsManageSieveServer(processor);
            server.setFileSystem(fileSystem);
            server.configure(serverConfig);
            servers.add(server);
        }
        return servers;
    }

    /** James's server with {@link StartTlsFramer}. */
    static final class StartTlsManageSieveServer extends ManageSieveServer {
        StartTlsManageSieveServer(ManageSieveProcessor processor) {
            super(8000, processor);
        }

        @Override
        protected ChannelHandlerFactory createFrameHandlerFactory() {
            return pipeline -> new StartTlsFramer(pipeline);
        }
    }

    /**
     * James's line framer with its STARTTLS injection check, reading the session from
     * {@link NettyConstants#RESPONSE_WRITER_ATTRIBUTE_KEY}, where ManageSieve's handler keeps it
     * and marks STARTTLS done ({@code stopDetectingCommandInjection}).
     */
    static final class StartTlsFramer extends AllButStartTlsLineBasedChannelHandler {
        StartTlsFramer(ChannelPipeline pipeline) {
            super(pipeline, AbstractChannelPipelineFactory.MAX_LINE_LENGTH, false, "starttls");
        }

        @Override
        protected CommandDetectionSession retrieveSession(ChannelHandlerContext ctx) {
            return ctx.channel().attr(NettyConstants.RESPONSE_WRITER_ATTRIBUTE_KEY).get();
        }
    }

    /** Parses before storing; an invalid script gets CHECKSCRIPT's answer (NO "Syntax Error: ..."). */
    static final class CheckFirstCoreProcessor extends CoreProcessor {
        private final SieveParser parser;

        CheckFirstCoreProcessor(SieveRepository repository, UsersRepository usersRepository, SieveParser parser) {
            super(repository, usersRepository, parser);
            this.parser = parser;
        }

        @Override
        public String putScript(Session session, String name, String content) {
            if (session.isAuthenticated()) {
                try {
                    parser.parse(content);
                } catch (SyntaxException e) {
                    return checkScript(session, content);
                }
            }
            return super.putScript(session, name, content);
        }
    }
}
