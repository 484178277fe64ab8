<?php

declare(strict_types=1);

namespace App\Tests;

use App\Config\Settings;
use App\Kernel;
use Symfony\Bundle\FrameworkBundle\KernelBrowser;
use Symfony\Bundle\FrameworkBundle\Test\WebTestCase;
use Symfony\Component\HttpKernel\KernelInterface;

/** WebTestCase for this app: its kernel takes the checked settings, and requests speak JSON. */
abstract class ApiTestCase extends WebTestCase
{
    protected KernelBrowser $client;

    protected static function createKernel(array $options = []): KernelInterface
    {
        return new Kernel(Settings::fromEnvironment(dirname(__DIR__), false));
    }

    protected function setUp(): void
    {
        $this->client = static::createClient();
    }

    /**
     * Sends a request with a JSON body (when $body is not null) and returns the decoded answer.
     *
     * @return array<string, mixed>|null
     */
    protected function send(string $method, string $path, mixed $body = null): ?array
    {
        $this->client->request(
            $method,
            $path,
            server: $body === null ? [] : ['CONTENT_TYPE' => 'application/json'],
            content: $body === null ? null : json_encode($body, JSON_THROW_ON_ERROR),
        );
        $content = (string) $this->client->getResponse()->getContent();

        return $content === '' ? null : json_decode($content, true, 512, JSON_THROW_ON_ERROR);
    }

    protected function status(): int
    {
        return $this->client->getResponse()->getStatusCode();
    }
}
