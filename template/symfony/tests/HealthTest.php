<?php

declare(strict_types=1);

namespace App\Tests;

final class HealthTest extends ApiTestCase
{
    public function testLiveAnswersOk(): void
    {
        self::assertSame(['status' => 'ok'], $this->send('GET', '/health/live'));
        self::assertSame(200, $this->status());
    }

    public function testReadyChecksTheDatabase(): void
    {
        self::assertSame(['status' => 'ok', 'checks' => ['database' => 'ok']], $this->send('GET', '/health/ready'));
    }

    public function testEveryAnswerCarriesTheRequestIdItWasGiven(): void
    {
        $this->client->request('GET', '/health/live', server: ['HTTP_X_REQUEST_ID' => 'abc-123']);
        self::assertSame('abc-123', $this->client->getResponse()->headers->get('X-Request-ID'));
    }
}
