<?php

declare(strict_types=1);

namespace App\Tests;

use App\Config\Settings;
use App\Kernel;
use PHPUnit\Framework\TestCase;
use Symfony\Bundle\FrameworkBundle\Console\Application;
use Symfony\Component\Console\Tester\CommandTester;

final class MigrateCommandTest extends TestCase
{
    private string|false $databaseUrl = false;

    protected function setUp(): void
    {
        $this->databaseUrl = getenv('DATABASE_URL');
    }

    protected function tearDown(): void
    {
        putenv($this->databaseUrl === false ? 'DATABASE_URL' : 'DATABASE_URL=' . $this->databaseUrl);
    }

    public function testAnUnreachableDatabaseIsOneLineWithoutThePassword(): void
    {
        // Port 1 on loopback: nobody listens, the connection is refused at once.
        putenv('DATABASE_URL=postgresql://app:s3cret-pw@127.0.0.1:1/app');
        $kernel = new Kernel(Settings::fromEnvironment(dirname(__DIR__), false));
        $tester = new CommandTester((new Application($kernel))->find('app:migrate'));

        $status = $tester->execute([], ['capture_stderr_separately' => true]);

        self::assertSame(1, $status);
        $lines = array_values(array_filter(explode("\n", $tester->getErrorOutput())));
        self::assertCount(1, $lines, $tester->getErrorOutput());
        self::assertStringContainsString('DATABASE_URL', $lines[0]);
        self::assertStringNotContainsString('s3cret-pw', $lines[0]);
        $kernel->shutdown();
    }
}
