package io.ultrafleet.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The submission rate of a local slurmrestd, for comparison: {@code SLURMRESTD_URL} (such as
 * http://127.0.0.1:6820), {@code SLURMRESTD_TOKEN} (a JWT) and {@code SLURMRESTD_USER}; null when no URL is set.
 * Submits held jobs (they never run) through the v0.0.38 API.
 */
final class SlurmRestRate {
    private SlurmRestRate() {}

    static Double measure(int clients, int n) throws InterruptedException {
        String url = System.getenv("SLURMRESTD_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        String token = System.getenv().getOrDefault("SLURMRESTD_TOKEN", "");
        String user = System.getenv().getOrDefault("SLURMRESTD_USER", "root");
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"job\":{\"name\":\"ultrafleet-bench\",\"hold\":true,\"current_working_directory\":\"/tmp\","
                + "\"environment\":{\"PATH\":\"/usr/bin:/bin\"},\"time_limit\":1},"
                + "\"script\":\"#!/bin/sh\\ntrue\\n\"}";
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    while (next.getAndIncrement() < n) {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create(url + "/slurm/v0.0.38/job/submit"))
                                        .header("X-SLURM-USER-NAME", user)
                                        .header("X-SLURM-USER-TOKEN", token)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    // counted as not submitted
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        done.await();
        double s = (System.nanoTime() - t0) / 1e9;
        return ok.get() == 0 ? null : ok.get() / s;
    }
}
