<?php

declare(strict_types=1);

namespace App\Http;

use Symfony\Component\Validator\ConstraintViolationListInterface;

/**
 * Input that breaks a rule: a 422 problem with `errors: [{field, message}]` (CONTRACT.md, "General").
 */
final class ValidationFailed extends \RuntimeException
{
    /** @param list<array{field: string, message: string}> $errors */
    public function __construct(public readonly array $errors, string $detail = 'The request has invalid fields.')
    {
        parent::__construct($detail);
    }

    /** From the validator's violations; `[title]` (a field of an array) becomes `title`. */
    public static function fromViolations(ConstraintViolationListInterface $violations): self
    {
        $errors = [];
        foreach ($violations as $violation) {
            $errors[] = [
                'field' => trim(str_replace('][', '.', $violation->getPropertyPath()), '[]'),
                'message' => (string) $violation->getMessage(),
            ];
        }

        return new self($errors);
    }
}
