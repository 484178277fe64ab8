package bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reference: the smallest auth'd, database-backed list as Spring's guides write one ("Accessing
 * Relational Data using JDBC", Spring Security's "OAuth 2.0 Resource Server JWT"): the token checked
 * by Nimbus with SECRET_KEY (HS256, as the app), the user id taken from its subject without a user
 * lookup, the todos read with JdbcClient from the table the app migrated (BENCH_SQLITE_PATH).
 */
@SpringBootApplication
@RestController
public class ListApplication {

    private final JdbcClient jdbc;

    ListApplication(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/todos")
    Map<String, Object> todos(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        List<Map<String, Object>> items = jdbc.sql(
                        "SELECT id, title, done = 1 AS done, created_at, updated_at FROM todos WHERE user_id = ?"
                                + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(token.getSubject(), limit, offset)
                .query()
                .listOfRows();
        return Map.of("items", items, "limit", limit, "offset", offset);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .build();
    }

    @Bean
    JwtDecoder jwtDecoder(@Value("${SECRET_KEY}") String secretKey) {
        var key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    }

    public static void main(String[] args) {
        SpringApplication.run(ListApplication.class, args);
    }
}
