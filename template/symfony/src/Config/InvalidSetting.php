<?php

declare(strict_types=1);

namespace App\Config;

/** A variable of the environment that the app cannot start with; the message is one line naming it. */
final class InvalidSetting extends \RuntimeException
{
}
