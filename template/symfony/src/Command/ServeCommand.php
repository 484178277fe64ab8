<?php

declare(strict_types=1);

namespace App\Command;

use App\Config\Settings;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * `php bin/console app:serve` (`make run`, `make dev`): PHP's built-in web server on 0.0.0.0:PORT,
 * every request through public/index.php. The settings were checked before this runs (bin/console),
 * so a bad variable stops here in one line instead of failing on the first request.
 * PHP_CLI_SERVER_WORKERS (set by `make run`) forks that many workers. For production, put php-fpm
 * behind a web server (or use FrankenPHP) with public/ as the document root.
 */
final class ServeCommand extends Command
{
    protected static $defaultName = 'app:serve';
    protected static $defaultDescription = 'Serve the app with PHP\'s built-in web server on PORT';

    public function __construct(private readonly Settings $settings, private readonly string $projectDir)
    {
        parent::__construct();
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $public = $this->projectDir . '/public';
        // Replaces this process, so a stop signal reaches the server itself.
        // -q: no "Accepted"/"Closing" lines of the server's own; the app logs one line per request.
        $arguments = ['-q', '-S', '0.0.0.0:' . $this->settings->port, '-t', $public, $public . '/index.php'];
        pcntl_exec(PHP_BINARY, $arguments, getenv());
        $output->writeln('<error>could not start ' . PHP_BINARY . '</error>');

        return Command::FAILURE;
    }
}
