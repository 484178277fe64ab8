<?php

declare(strict_types=1);

namespace App\Command;

use App\Database\Migrator;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\OutputInterface;

/** `php bin/console app:migrate` (`make migrate`): applies the pending migrations of migrations/. */
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
        $applied = $this->migrator->migrate();
        $output->writeln($applied === [] ? 'The schema is up to date.' : 'Applied: ' . implode(', ', $applied));

        return Command::SUCCESS;
    }
}
