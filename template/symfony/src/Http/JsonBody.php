<?php

declare(strict_types=1);

namespace App\Http;

use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpKernel\Exception\BadRequestHttpException;
use Symfony\Component\HttpKernel\Exception\HttpException;
use Symfony\Component\HttpKernel\Exception\UnsupportedMediaTypeHttpException;

/**
 * A request's JSON object body, by the rules of CONTRACT.md "General": over 1 MiB 413, not
 * `application/json` 415, not UTF-8 or not JSON 400, JSON that is not an object 422.
 */
final class JsonBody
{
    public const MAX_BYTES = 1024 * 1024;

    /**
     * @return array<string, mixed>
     *
     * @throws HttpException|ValidationFailed
     */
    public static function decode(Request $request): array
    {
        $length = $request->headers->get('Content-Length');
        if ($length !== null && (int) $length > self::MAX_BYTES) {
            throw new HttpException(413, 'The request body is over 1 MiB.');
        }
        $body = $request->getContent();
        if (strlen($body) > self::MAX_BYTES) {
            throw new HttpException(413, 'The request body is over 1 MiB.');
        }
        $type = strtolower(trim(explode(';', (string) $request->headers->get('Content-Type'))[0]));
        if ($type !== 'application/json') {
            throw new UnsupportedMediaTypeHttpException('The request body must be application/json.');
        }
        if (!mb_check_encoding($body, 'UTF-8')) {
            throw new BadRequestHttpException('The request body is not valid UTF-8.');
        }
        try {
            $data = json_decode($body, false, 512, JSON_THROW_ON_ERROR);
        } catch (\JsonException) {
            throw new BadRequestHttpException('The request body is not valid JSON.');
        }
        if (!$data instanceof \stdClass) {
            $errors = [['field' => 'body', 'message' => 'must be a JSON object']];
            throw new ValidationFailed($errors, 'The body must be a JSON object.');
        }

        return json_decode($body, true, 512, JSON_THROW_ON_ERROR);
    }
}
