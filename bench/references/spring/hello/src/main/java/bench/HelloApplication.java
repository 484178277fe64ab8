package bench;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reference: Spring Boot's hello world (the "Building a RESTful Web Service" guide), answering JSON. */
@SpringBootApplication
@RestController
public class HelloApplication {

    @GetMapping("/hello")
    Map<String, String> hello() {
        return Map.of("message", "Hello, World!");
    }

    public static void main(String[] args) {
        SpringApplication.run(HelloApplication.class, args);
    }
}
