<?php

declare(strict_types=1);

namespace App\Controller;

use App\Metrics\RequestMetrics;
use Doctrine\DBAL\Connection;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Response;

/** Liveness, readiness and metrics (CONTRACT.md, "Health and ops"). */
final class HealthController
{
    public function live(): JsonResponse
    {
        return new JsonResponse(['status' => 'ok']);
    }

    /** 200 while `SELECT 1` answers; 503 with "unreachable" while it does not (no restart needed). */
    public function ready(Connection $connection): JsonResponse
    {
        try {
            $connection->executeQuery('SELECT 1')->fetchOne();
        } catch (\Throwable) {
            // Reconnect on the next check: the database may be back by then.
            $connection->close();

            return new JsonResponse(['status' => 'unavailable', 'checks' => ['database' => 'unreachable']], 503);
        }

        return new JsonResponse(['status' => 'ok', 'checks' => ['database' => 'ok']]);
    }

    /** Prometheus' text format: request count and latency per route (src/Metrics/RequestMetrics.php). */
    public function metrics(RequestMetrics $metrics): Response
    {
        return new Response($metrics->render(), 200, ['Content-Type' => 'text/plain; version=0.0.4; charset=utf-8']);
    }
}
