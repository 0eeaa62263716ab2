package dev.gpuops.bot.sandbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells the launcher where the sandbox console is, so `./gpuops demo` can print it. */
@RestController
public class DemoController {

    private final ObjectProvider<SandboxInitializer.Demo> demo;

    public DemoController(ObjectProvider<SandboxInitializer.Demo> demo) {
        this.demo = demo;
    }

    @GetMapping(path = "/demo/console-url", produces = "text/plain")
    public ResponseEntity<String> consoleUrl() {
        SandboxInitializer.Demo d = demo.getIfAvailable();
        return d == null || d.slack().isEmpty()
                ? ResponseEntity.notFound().build()
                : ResponseEntity.ok(d.slack().get().consoleUrl());
    }
}
