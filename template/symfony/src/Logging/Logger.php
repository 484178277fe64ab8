<?php

declare(strict_types=1);

namespace App\Logging;

use App\Config\Settings;
use Monolog\Formatter\JsonFormatter;
use Monolog\Formatter\LineFormatter;
use Monolog\Handler\StreamHandler;
use Monolog\Logger as Monolog;

/**
 * The app's logger (PSR-3, Monolog): one line per record on stderr, JSON outside development,
 * at LOG_LEVEL. MonologBundle would configure this from config/packages/monolog.yaml; Debian
 * packages no MonologBundle, so this class does.
 */
final class Logger extends Monolog
{
    public function __construct(Settings $settings)
    {
        $handler = new StreamHandler('php://stderr', $settings->logLevel);
        $handler->setFormatter($settings->environment === 'development'
            ? new LineFormatter("%datetime% %level_name% %message% %context%\n", 'H:i:s.v', false, true)
            : new JsonFormatter());
        parent::__construct('app', [$handler]);
        $this->useMicrosecondTimestamps(true);
    }
}
