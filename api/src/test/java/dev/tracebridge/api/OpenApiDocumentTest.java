package dev.tracebridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the served OpenAPI document true: every route and method Spring registered is in it, and
 * everything in it is a registered route.
 */
class OpenApiDocumentTest extends MemoryEngineTest {
  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void document_describesExactlyTheRegisteredRoutes() {
    Set<String> registered = new TreeSet<>();
    mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod method) -> {
      if (BasicErrorController.class.isAssignableFrom(method.getBeanType())) return;
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        if (methods.isEmpty()) registered.add("ANY " + pattern);
        for (RequestMethod m : methods) registered.add(m.name() + " " + pattern);
      }
    });

    JsonNode document = http.json("/api/v1/openapi.json");
    Set<String> documented = new TreeSet<>();
    document.get("paths").properties().forEach(path -> path.getValue().properties()
        .forEach(operation -> documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

    assertThat(documented).isEqualTo(registered);
    assertThat(document.get("openapi").asString()).startsWith("3.");
  }
}
