<?php

// PHPUnit's bootstrap: the tests never read .env. Without DATABASE_URL in the environment they run
// on a fresh temporary SQLite file; with it, on that database (rows they make are removed by
// the tests themselves). Either way the schema comes from the real migrations.

declare(strict_types=1);

use App\Config\Settings;
use App\Database\Doctrine;
use App\Database\Migrator;

require dirname(__DIR__) . '/vendor/autoload.php';

if (getenv('DATABASE_URL') === false || getenv('DATABASE_URL') === '') {
    $file = sys_get_temp_dir() . '/app-test-' . bin2hex(random_bytes(6)) . '.db';
    putenv('DATABASE_URL=sqlite:///' . $file);
    register_shutdown_function(static fn () => array_map('unlink', glob($file . '*') ?: []));
}

$projectDir = dirname(__DIR__);
$settings = Settings::fromEnvironment($projectDir, false);
(new Migrator((new Doctrine($settings, $projectDir))->connection(), $projectDir))->migrate();
