<?php

declare(strict_types=1);

namespace App\Controller;

use App\Entity\Todo;
use App\Http\JsonBody;
use App\Service\TodoService;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;

/** /api/todos (CONTRACT.md, "Todos"): HTTP in and out; the rules are TodoService's. */
final class TodoController
{
    public function __construct(private readonly TodoService $todos)
    {
    }

    public function list(Request $request): JsonResponse
    {
        $page = $this->todos->list($request->query->all());
        $page['items'] = array_map(self::json(...), $page['items']);

        return new JsonResponse($page);
    }

    public function create(Request $request): JsonResponse
    {
        $todo = $this->todos->create(JsonBody::decode($request));

        return new JsonResponse(self::json($todo), 201, ['Location' => '/api/todos/' . $todo->getId()]);
    }

    public function show(string $id): JsonResponse
    {
        return new JsonResponse(self::json($this->todos->get($id)));
    }

    public function update(string $id, Request $request): JsonResponse
    {
        return new JsonResponse(self::json($this->todos->update($id, JsonBody::decode($request))));
    }

    public function delete(string $id): Response
    {
        $this->todos->delete($id);

        return new Response(null, 204);
    }

    /** @return array{id: string, title: string, done: bool, created_at: string, updated_at: string} */
    public static function json(Todo $todo): array
    {
        return [
            'id' => $todo->getId(),
            'title' => $todo->getTitle(),
            'done' => $todo->isDone(),
            'created_at' => $todo->getCreatedAt()->format('Y-m-d\TH:i:s.u\Z'),
            'updated_at' => $todo->getUpdatedAt()->format('Y-m-d\TH:i:s.u\Z'),
        ];
    }
}
