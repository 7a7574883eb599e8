package dev.postern.server;

import javax.inject.Inject;

import org.apache.james.managesieve.api.SieveParser;
import org.apache.james.managesieve.api.SyntaxException;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.webadmin.routes.SieveScriptRoutes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.eclipse.jetty.http.HttpStatus;

import spark.Service;

/**
 * WebAdmin's {@code PUT /sieve/{user}/scripts/{name}[?activate=true]}, checked with the same
 * {@link SieveParser} as ManageSieve. James 3.8.1's route stores whatever it is given; this one
 * answers 400 with the parser's line and reason first, and otherwise lets James's route store it.
 */
public class CheckedSieveScriptRoutes extends SieveScriptRoutes {

    private static final String SCRIPT_PATH = ROOT_PATH + "/:userName/" + SCRIPTS + "/:scriptName";

    private final SieveParser parser;

    @Inject
    public CheckedSieveScriptRoutes(SieveRepository sieveRepository, UsersRepository usersRepository, SieveParser parser) {
        super(sieveRepository, usersRepository);
        this.parser = parser;
    }

    @Override
    public void define(Service service) {
        service.before(SCRIPT_PATH, (request, response) -> {
            if ("PUT".equals(request.requestMethod())) {
                try {
                    parser.parse(request.body());
                } catch (SyntaxException e) {
                    throw ErrorResponder.builder()
                        .statusCode(HttpStatus.BAD_REQUEST_400)
                        .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                        .message("Invalid Sieve script: " + e.getMessage())
                        .haltError();
                }
            }
        });
        super.define(service);
    }
}
