// Starts Swagger UI on /openapi.json (a file, not inline, so a Content-Security-Policy without
// 'unsafe-inline' still allows it). The session cookie rides along with "Try it out".
window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', withCredentials: true });
