package dev.postern.webadmin;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;

import dev.postern.score.ScanContext;
import dev.postern.score.ScoringEngine;
import dev.postern.score.bayes.Verdict;
import dev.postern.score.message.MessageParser;
import dev.postern.score.message.ScannedMessage;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes of the spam scoring; the body of each request is a raw message (RFC 5322):
 * <pre>
 * POST /postern/bayes/spam[?user=me@example.org]   learn as spam (for the user: also globally)
 * POST /postern/bayes/ham[?user=me@example.org]    learn as ham
 * POST /postern/bayes/forget[?user=me@example.org] unlearn
 * POST /postern/scan[?rcpt=me@example.org]         score it (nothing is delivered): rspamd-style JSON
 * </pre>
 * Answers {@code {"learned":true}} ({@code false}: already learned so). James loads it when
 * {@code webadmin.properties} lists it: {@code extensions.routes=dev.postern.webadmin.BayesRoutes}.
 */
public class BayesRoutes implements Routes {

    private final ScoringEngine engine;

    @Inject
    public BayesRoutes(ScoringEngine engine) {
        this.engine = engine;
    }

    @Override
    public String getBasePath() {
        return PosternPaths.BASE;
    }

    @Override
    public void define(Service service) {
        service.post(PosternPaths.BASE + "/bayes/spam", (request, response) -> learn(request, response, Verdict.SPAM));
        service.post(PosternPaths.BASE + "/bayes/ham", (request, response) -> learn(request, response, Verdict.HAM));
        service.post(PosternPaths.BASE + "/bayes/forget", (request, response) -> {
            Optional<ScannedMessage> message = message(request, response);
            return message.map(m -> "{\"forgotten\":" + engine.bayes().unlearn(m, user(request)) + "}").orElse(ERROR);
        });
        service.post(PosternPaths.BASE + "/scan", (request, response) -> {
            Optional<ScannedMessage> message = message(request, response);
            Optional<String> rcpt = Optional.ofNullable(request.queryParams("rcpt"));
            return message.map(m -> engine.scan(m, rcpt.map(ScanContext::ofRecipients).orElseGet(ScanContext::ofRecipients)).toJson()).orElse(ERROR);
        });
    }

    private static final String ERROR = "{\"error\":\"the request body must be a message (RFC 5322): curl --data-binary @message.eml\"}";

    private Object learn(Request request, Response response, Verdict verdict) {
        return message(request, response)
            .map(m -> "{\"learned\":" + engine.bayes().learn(m, verdict, user(request)) + "}")
            .orElse(ERROR);
    }

    private static Optional<String> user(Request request) {
        return Optional.ofNullable(request.queryParams("user")).filter(u -> !u.isBlank());
    }

    private static Optional<ScannedMessage> message(Request request, Response response) {
        response.type("application/json");
        byte[] body = request.bodyAsBytes();
        if (body == null || body.length == 0) {
            response.status(400);
            return Optional.empty();
        }
        return Optional.of(MessageParser.parse(body));
    }
}
