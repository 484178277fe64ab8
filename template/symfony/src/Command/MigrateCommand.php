<?php

declare(strict_types=1);

namespace App\Command;

use App\Database\Migrator;
use Doctrine\DBAL\Exception\ConnectionException;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\ConsoleOutputInterface;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * `php bin/console app:migrate` (`make migrate`): applies the pending migrations of migrations/.
 * A database that cannot be reached (down, wrong password, a TLS-only user without sslmode) is one
 * line on stderr and exit 1, not Symfony's framed stack of exceptions.
 */
final class MigrateCommand extends Command
{
    protected static $defaultName = 'app:migrate';
    protected static $defaultDescription = 'Apply the pending migrations to DATABASE_URL';

    public function __construct(private readonly Migrator $migrator)
    {
        parent::__construct();
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        try {
            $applied = $this->migrator->migrate();
        } catch (ConnectionException $error) {
            // The driver's message names host, port and user, never the password.
            $reason = preg_replace('/\s+/', ' ', ($error->getPrevious() ?? $error)->getMessage());
            $errors = $output instanceof ConsoleOutputInterface ? $output->getErrorOutput() : $output;
            $errors->writeln('app:migrate: cannot connect to the database of DATABASE_URL: ' . trim((string) $reason));

            return Command::FAILURE;
        }
        $output->writeln($applied === [] ? 'The schema is up to date.' : 'Applied: ' . implode(', ', $applied));

        return Command::SUCCESS;
    }
}
