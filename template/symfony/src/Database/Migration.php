<?php

declare(strict_types=1);

namespace App\Database;

/**
 * One versioned schema change under migrations/, applied once by Migrator (`make migrate`).
 * The class name is its version: `Version0002AddTags` runs after `Version0001InitialSchema`.
 */
interface Migration
{
    /**
     * The SQL statements of this change for `$platform` (sqlite, postgresql or mysql), in order.
     *
     * @return list<string>
     */
    public function statements(string $platform): array;
}
