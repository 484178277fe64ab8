<?php

declare(strict_types=1);

namespace App\Config;

use Symfony\Component\Dotenv\Dotenv;

/**
 * Every variable the app reads, read and checked once at start (docs: "Environment" in the README).
 * A bad value raises InvalidSetting with one line naming the variable; the entry points print it
 * and exit, so the app never starts half-configured.
 */
final class Settings
{
    public const LOG_LEVELS = [
        'debug' => 'debug',
        'info' => 'info',
        'warning' => 'warning',
        'warn' => 'warning',
        'error' => 'error',
    ];

    /**
     * @param array<string, mixed> $database Doctrine DBAL connection parameters
     * @param list<string>         $corsOrigins
     */
    private function __construct(
        public readonly string $environment,
        public readonly int $port,
        public readonly array $database,
        public readonly string $secretKey,
        public readonly string $logLevel,
        public readonly array $corsOrigins,
        public readonly string $forwardedAllowIps,
    ) {
    }

    /**
     * Reads the process environment; with $loadDotenv, `.env` first fills in what the environment
     * does not set (a variable set in the environment wins). Tests pass false: they never read .env.
     *
     * @throws InvalidSetting
     */
    public static function fromEnvironment(string $projectDir, bool $loadDotenv = true): self
    {
        if ($loadDotenv && is_file($projectDir . '/.env')) {
            (new Dotenv())->load($projectDir . '/.env');
        }
        // The process environment first: it wins over .env, which Dotenv put in $_ENV/$_SERVER only.
        $env = static function (string $name, string $default = ''): string {
            $value = getenv($name);
            if ($value === false) {
                $value = $_ENV[$name] ?? $_SERVER[$name] ?? $default;
            }

            return (string) $value;
        };

        $environment = strtolower($env('APP_ENV', 'production'));
        if (!in_array($environment, ['development', 'production', 'test'], true)) {
            throw new InvalidSetting("APP_ENV must be development, production or test, not '{$environment}'");
        }
        $port = $env('PORT', '8000');
        if (!ctype_digit($port) || (int) $port < 1 || (int) $port > 65535) {
            throw new InvalidSetting("PORT must be a number from 1 to 65535, not '{$port}'");
        }
        $level = strtolower($env('LOG_LEVEL', 'info'));
        if (!isset(self::LOG_LEVELS[$level])) {
            throw new InvalidSetting("LOG_LEVEL must be debug, info, warning or error, not '{$level}'");
        }
        $secret = $env('SECRET_KEY');
        if ($secret === '' || $secret === 'change-me') {
            if ($environment === 'production') {
                throw new InvalidSetting('SECRET_KEY must be set to a long random value (it is missing or change-me)');
            }
            $secret = 'development-only-secret-never-use-in-production';
        }
        $origins = array_values(array_filter(array_map('trim', explode(',', $env('CORS_ORIGINS')))));

        return new self(
            $environment,
            (int) $port,
            DatabaseUrl::parse($env('DATABASE_URL', 'sqlite:///./data/app.db'), $projectDir),
            $secret,
            self::LOG_LEVELS[$level],
            $origins,
            $env('FORWARDED_ALLOW_IPS', '127.0.0.1'),
        );
    }
}
