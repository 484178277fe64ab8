<?php

declare(strict_types=1);

namespace App\Controller;

use Symfony\Component\HttpFoundation\BinaryFileResponse;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Exception\NotFoundHttpException;
use Symfony\Component\Yaml\Yaml;

/** /openapi.json (config/openapi.yaml as JSON) and /docs (Swagger UI, its files served by this app). */
final class DocsController
{
    /** The files /docs/assets/{file} serves, and where each comes from. */
    private const ASSETS = [
        'swagger-ui.css' => ['vendor/swagger-api/swagger-ui/dist/swagger-ui.css', 'text/css'],
        'swagger-ui-bundle.js' => ['vendor/swagger-api/swagger-ui/dist/swagger-ui-bundle.js', 'text/javascript'],
        'docs-init.js' => ['templates/docs-init.js', 'text/javascript'],
    ];

    public function __construct(private readonly string $projectDir)
    {
    }

    public function openapi(): JsonResponse
    {
        $document = new JsonResponse(Yaml::parseFile($this->projectDir . '/config/openapi.yaml'));

        return $document->setEncodingOptions(JsonResponse::DEFAULT_ENCODING_OPTIONS | JSON_UNESCAPED_SLASHES);
    }

    public function docs(): Response
    {
        return new Response((string) file_get_contents($this->projectDir . '/templates/docs.html'), 200, [
            'Content-Type' => 'text/html; charset=UTF-8',
        ]);
    }

    public function asset(string $file): BinaryFileResponse
    {
        [$path, $type] = self::ASSETS[$file] ?? throw new NotFoundHttpException('No such file.');
        $response = new BinaryFileResponse($this->projectDir . '/' . $path, 200, ['Content-Type' => $type]);
        $response->setPublic()->setMaxAge(3600);

        return $response;
    }
}
