<?php

declare(strict_types=1);

namespace App\Service;

/** Text rules every input shares (CONTRACT.md "Todos": titles are trimmed). */
final class Text
{
    /**
     * Unicode white space as Python's str.strip and JavaScript's String.prototype.trim see it:
     * \s, the space separators (\p{Z}: no-break and ideographic spaces...), U+0085 and U+FEFF.
     * PHP's trim() knows only ASCII white space.
     */
    private const EDGES = '/^[\s\p{Z}\x{85}\x{FEFF}]+|[\s\p{Z}\x{85}\x{FEFF}]+$/u';

    public static function trim(string $text): string
    {
        return preg_replace(self::EDGES, '', $text) ?? $text;
    }
}
