package dev.postern.bench.jmh;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.postern.dmarc.DmarcVerdict;
import dev.postern.dmarc.DmarcVerifier;
import dev.postern.dmarc.PublicSuffixList;
import dev.postern.dns.DnsjavaResolver;
import dev.postern.dns.LoopbackDnsServer;
import dev.postern.spf.SpfChecker;
import dev.postern.spf.SpfResult;
import dev.postern.spf.SpfVerdict;

/**
 * SPF (an include chain with ip4, a and mx terms, as providers publish) and DMARC evaluation,
 * through Postern's resolver against a real DNS server on loopback, with a warm cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AuthenticationBenchmark {

    private LoopbackDnsServer dns;
    private SpfChecker spf;
    private DmarcVerifier dmarc;
    private InetAddress client;
    private DmarcVerifier.SpfInput spfInput;
    private List<DmarcVerifier.DkimInput> dkimInputs;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dns = LoopbackDnsServer.start();
        dns.add("example.org. 3600 IN TXT \"v=spf1 mx a:relay.example.org include:_spf.provider.example -all\"",
            "example.org. 3600 IN MX 10 mx.example.org.",
            "mx.example.org. 3600 IN A 192.0.2.10",
            "relay.example.org. 3600 IN A 192.0.2.11",
            "_spf.provider.example. 3600 IN TXT \"v=spf1 ip4:198.51.100.0/24 ip4:203.0.113.0/24 ~all\"",
            "_dmarc.example.org. 3600 IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@example.org; adkim=r; aspf=r\"");
        DnsjavaResolver resolver = DnsjavaResolver.builder().servers(dns.address()).build();
        spf = SpfChecker.builder(resolver).build();
        dmarc = new DmarcVerifier(resolver, PublicSuffixList.guava(), RandomGenerator.getDefault());
        client = InetAddress.getByName("203.0.113.7");
        SpfVerdict verdict = spf.checkMailFrom(client, "alice@example.org", "mail.example.org");
        if (verdict.result() != SpfResult.PASS) {
            throw new IllegalStateException("the benchmark's SPF set-up does not pass: " + verdict);
        }
        spfInput = DmarcVerifier.SpfInput.from(verdict);
        dkimInputs = List.of(new DmarcVerifier.DkimInput("example.org", "s1", DmarcVerifier.DkimInput.Status.PASS));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dns.close();
    }

    @Benchmark
    public SpfVerdict spfWarmCache() {
        return spf.checkMailFrom(client, "alice@example.org", "mail.example.org");
    }

    @Benchmark
    public DmarcVerdict dmarcWarmCache() {
        return dmarc.verify("example.org", spfInput, dkimInputs);
    }
}
