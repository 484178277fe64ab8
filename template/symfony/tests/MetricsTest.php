<?php

declare(strict_types=1);

namespace App\Tests;

final class MetricsTest extends ApiTestCase
{
    public function testRequestsAreCountedByRouteTemplateNotByRawPath(): void
    {
        $this->send('GET', '/health/live');
        $this->send('GET', '/api/todos/7d4f6a52-5b0e-4c8e-9a43-111111111111');
        $this->client->request('GET', '/metrics');
        $text = (string) $this->client->getResponse()->getContent();
        $type = (string) $this->client->getResponse()->headers->get('Content-Type');
        self::assertStringStartsWith('text/plain', $type);
        self::assertStringContainsString('# TYPE http_request_duration_seconds histogram', $text);
        $liveCount = '/_count\{method="GET",route="\/health\/live",status="200"\} [1-9]/';
        self::assertMatchesRegularExpression($liveCount, $text);
        self::assertStringContainsString('route="/api/todos/{id}"', $text);
        self::assertStringNotContainsString('111111111111', $text);
    }
}
