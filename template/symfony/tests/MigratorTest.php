<?php

declare(strict_types=1);

namespace App\Tests;

use App\Database\Migrator;

final class MigratorTest extends ApiTestCase
{
    public function testAppliedMigrationsAreRecordedAndNeverRunTwice(): void
    {
        $migrator = static::getContainer()->get(Migrator::class);
        // tests/bootstrap.php already migrated: nothing is pending.
        self::assertSame([], $migrator->migrate());
    }
}
