<?php

declare(strict_types=1);

namespace App\Metrics;

use App\Config\Settings;

/**
 * Request count and latency per route, for /metrics in Prometheus' text format (CONTRACT.md,
 * "Health and ops"): a histogram `http_request_duration_seconds` labelled by method, route
 * template (never the raw path: one series per todo id would grow without end) and status.
 *
 * Why not a library: no Prometheus client for PHP is packaged by Debian, which the template's tests
 * install from (promphp/prometheus_client_php is the one to use: `composer require` it and its
 * APCu or Redis storage). PHP shares nothing between requests, so the numbers live in one JSON file
 * under var/ that every server worker updates under an exclusive lock (flock): exact, and cheap at a
 * starter's traffic. Each instance counts its own requests, as Prometheus expects per target.
 */
final class RequestMetrics
{
    /** Upper bounds of the latency buckets, in seconds (Prometheus client defaults). */
    public const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

    private readonly string $file;

    public function __construct(string $projectDir, Settings $settings)
    {
        // One file per environment: the tests' requests never show in development's numbers.
        $this->file = $projectDir . '/var/metrics/' . $settings->environment . '.json';
    }

    /** Counts one request that took $seconds. */
    public function observe(string $method, string $route, int $status, float $seconds): void
    {
        $this->update(function (array $series) use ($method, $route, $status, $seconds): array {
            $key = json_encode([$method, $route, (string) $status], JSON_THROW_ON_ERROR);
            $empty = ['buckets' => array_fill(0, count(self::BUCKETS), 0), 'count' => 0, 'sum' => 0.0];
            $one = $series[$key] ?? $empty;
            foreach (self::BUCKETS as $index => $bound) {
                if ($seconds <= $bound) {
                    $one['buckets'][$index]++;
                }
            }
            $one['count']++;
            $one['sum'] += $seconds;
            $series[$key] = $one;

            return $series;
        });
    }

    /** The text exposition format (version 0.0.4). */
    public function render(): string
    {
        $name = 'http_request_duration_seconds';
        $lines = [
            "# HELP {$name} Time to answer HTTP requests, by method, route and status.",
            "# TYPE {$name} histogram",
        ];
        $series = $this->update(static fn (array $series): array => $series);
        ksort($series);
        foreach ($series as $key => $one) {
            [$method, $route, $status] = json_decode($key, true, 512, JSON_THROW_ON_ERROR);
            $labels = sprintf(
                'method="%s",route="%s",status="%s"',
                self::escape($method),
                self::escape($route),
                $status,
            );
            foreach (self::BUCKETS as $index => $bound) {
                $lines[] = "{$name}_bucket{" . $labels . ",le=\"{$bound}\"} " . $one['buckets'][$index];
            }
            $lines[] = "{$name}_bucket{" . $labels . ',le="+Inf"} ' . $one['count'];
            $lines[] = "{$name}_sum{" . $labels . '} ' . sprintf('%.6f', $one['sum']);
            $lines[] = "{$name}_count{" . $labels . '} ' . $one['count'];
        }

        return implode("\n", $lines) . "\n";
    }

    /**
     * Runs $change on the stored series under an exclusive lock and stores what it returns.
     *
     * @param callable(array<string, mixed>): array<string, mixed> $change
     *
     * @return array<string, array{buckets: list<int>, count: int, sum: float}>
     */
    private function update(callable $change): array
    {
        if (!is_dir(dirname($this->file))) {
            @mkdir(dirname($this->file), 0o775, true);
        }
        $handle = fopen($this->file, 'c+');
        if ($handle === false) {
            return [];
        }
        try {
            flock($handle, LOCK_EX);
            $stored = stream_get_contents($handle);
            $series = $stored ? (json_decode($stored, true) ?: []) : [];
            $changed = $change($series);
            if ($changed !== $series) {
                // Written over the old content, then cut to the new length: never truncated to zero
                // first, which makes ext4 (auto_da_alloc) write the file out to disk at every
                // request (4 ms a request here, half of /health/live's time: bench/README.md).
                $json = json_encode($changed, JSON_THROW_ON_ERROR);
                rewind($handle);
                fwrite($handle, $json);
                fflush($handle);
                ftruncate($handle, strlen($json));
            }

            return $changed;
        } finally {
            flock($handle, LOCK_UN);
            fclose($handle);
        }
    }

    private static function escape(string $value): string
    {
        return str_replace(['\\', '"', "\n"], ['\\\\', '\\"', '\\n'], $value);
    }
}
