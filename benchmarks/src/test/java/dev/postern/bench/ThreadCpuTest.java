package dev.postern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void threadsDifferingOnlyByNumberAreOneGroup() {
        assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo("GC Thread");
        assertThat(ThreadCpu.group("spooler-12")).isEqualTo("spooler");
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("CN CompilerThre");
        assertThat(ThreadCpu.group("main")).isEqualTo("main");
    }

    @Test
    void theCpuOfASpinningThreadIsCountedInItsGroup() throws Exception {
        long pid = ProcessHandle.current().pid();
        ThreadCpu before = ThreadCpu.of(pid);
        Thread spinning = new Thread(() -> {
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spinning-worker-3");
        spinning.start();
        Thread.sleep(500);

        Map<String, Double> millis = ThreadCpu.of(pid).millisSince(before);
        spinning.interrupt();
        spinning.join();

        // 300 ms of spinning, in ticks of 10 ms; less if the machine is busy, never more
        assertThat(millis.get("spinning-worker")).isBetween(30.0, 320.0);
    }
}
