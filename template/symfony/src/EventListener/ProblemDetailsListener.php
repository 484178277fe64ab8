<?php

declare(strict_types=1);

namespace App\EventListener;

use App\Http\ValidationFailed;
use Doctrine\DBAL\Exception\ConnectionException;
use Psr\Log\LoggerInterface;
use Symfony\Component\EventDispatcher\EventSubscriberInterface;
use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Event\ExceptionEvent;
use Symfony\Component\HttpKernel\Exception\HttpExceptionInterface;
use Symfony\Component\HttpKernel\Exception\MethodNotAllowedHttpException;
use Symfony\Component\HttpKernel\Exception\NotFoundHttpException;
use Symfony\Component\HttpKernel\KernelEvents;

/**
 * Every error as RFC 9457 problem details (`application/problem+json`:
 * {"type", "title", "status", "detail"}, plus `errors: [{field, message}]` for 422). An HTTP
 * exception keeps its status and headers (405's Allow); anything else is a logged 500 whose body
 * says nothing of the cause; an unreachable database is a 503 with Retry-After.
 */
final class ProblemDetailsListener implements EventSubscriberInterface
{
    public function __construct(private readonly LoggerInterface $logger)
    {
    }

    public static function getSubscribedEvents(): array
    {
        // Before Symfony's own ErrorListener (priority -128), which would render HTML or its JSON.
        return [KernelEvents::EXCEPTION => ['onException', 0]];
    }

    public function onException(ExceptionEvent $event): void
    {
        $error = $event->getThrowable();
        $headers = [];
        $extra = [];
        if ($error instanceof ValidationFailed) {
            $status = 422;
            $detail = $error->getMessage();
            $extra['errors'] = $error->errors;
        } elseif ($error instanceof HttpExceptionInterface) {
            $status = $error->getStatusCode();
            $headers = $error->getHeaders();
            $detail = match (true) {
                // The router's own messages name internals ("No route found for ...").
                $error instanceof NotFoundHttpException && str_starts_with($error->getMessage(), 'No route found')
                    => 'No resource at this path.',
                $error instanceof MethodNotAllowedHttpException => 'This method is not allowed here.',
                $error->getMessage() !== '' => $error->getMessage(),
                default => Response::$statusTexts[$status] ?? 'Error',
            };
        } elseif ($error instanceof ConnectionException) {
            // The database is down or unreachable: the service is, for now, unavailable.
            $status = 503;
            $headers = ['Retry-After' => '5'];
            $detail = 'The database is unreachable; try again shortly.';
            $this->logger->error('database unreachable', ['exception' => $error->getMessage()]);
        } else {
            $status = 500;
            $detail = 'The server could not answer this request.';
            $this->logger->error('unhandled error', ['exception' => $error]);
        }
        $title = Response::$statusTexts[$status] ?? 'Error';
        $body = ['type' => 'about:blank', 'title' => $title, 'status' => $status, 'detail' => $detail] + $extra;
        $response = new JsonResponse($body, $status, $headers);
        $response->headers->set('Content-Type', 'application/problem+json');
        $event->setResponse($response);
    }
}
