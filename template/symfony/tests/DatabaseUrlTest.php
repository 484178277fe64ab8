<?php

declare(strict_types=1);

namespace App\Tests;

use App\Config\DatabaseUrl;
use App\Config\InvalidSetting;
use PHPUnit\Framework\TestCase;

/**
 * DATABASE_URL's TLS options (CONTRACT.md "General": `sslmode` for PostgreSQL, `ssl-mode` for
 * MySQL are honoured): the value reaches the driver, and a value the driver does not know stops
 * the app at start in one line, without the password. That `sslmode=require` and
 * `ssl-mode=REQUIRED` connect to a server's TLS-only user is proven by the template's own tests
 * (its PostgreSQL and MariaDB servers have such users).
 */
final class DatabaseUrlTest extends TestCase
{
    private const SECRET = 'p%40ss-secret';
    private const PG = 'postgresql://app:' . self::SECRET . '@db.example/app';
    private const MY = 'mysql://app:' . self::SECRET . '@db.example/app';

    public function testPostgresqlSslmodeReachesTheDriver(): void
    {
        $params = DatabaseUrl::parse('postgres://app:' . self::SECRET . '@db.example:5433/app?sslmode=require', '/app');
        self::assertSame('pdo_pgsql', $params['driver']);
        self::assertSame('require', $params['sslmode']);
        self::assertSame('p@ss-secret', $params['password']);
        self::assertSame(5433, $params['port']);
    }

    public function testMysqlSslModeRequiredTurnsTlsOnWithoutVerifyingTheCertificate(): void
    {
        $params = DatabaseUrl::parse(self::MY . '?ssl-mode=REQUIRED', '/app');
        self::assertSame('DEFAULT', $params['driverOptions'][\PDO::MYSQL_ATTR_SSL_CIPHER]);
        self::assertFalse($params['driverOptions'][\PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT]);
        $plain = DatabaseUrl::parse(self::MY . '?ssl-mode=disabled', '/app');
        self::assertSame([], $plain['driverOptions']);
    }

    /** @return iterable<string, array{string, string}> */
    public static function badTlsOptions(): iterable
    {
        yield 'postgresql' => [self::PG . '?sslmode=required', 'sslmode'];
        yield 'postgresql, empty' => [self::PG . '?sslmode=', 'sslmode'];
        yield 'postgresql, an array' => [self::PG . '?sslmode[]=require', 'sslmode'];
        yield 'mysql' => [self::MY . '?ssl-mode=require-ish', 'ssl-mode'];
        yield 'mysql, the other spelling' => [self::MY . '?sslmode=require', 'sslmode'];
    }

    /** @dataProvider badTlsOptions */
    public function testABadTlsOptionIsOneLineNamingItNeverThePassword(string $url, string $option): void
    {
        try {
            DatabaseUrl::parse($url, '/app');
            self::fail('accepted ' . $url);
        } catch (InvalidSetting $refusal) {
            $message = $refusal->getMessage();
            self::assertStringStartsWith('DATABASE_URL', $message);
            self::assertStringContainsString($option, $message);
            self::assertStringNotContainsString("\n", $message);
            self::assertStringNotContainsString('secret', $message);
        }
    }
}
