package com.example.batch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A non-web application, run more than once in one JVM as a devtools restart or a test suite does. */
@SpringBootApplication
public class BatchApplication {}
