package io.logdx.trainer.model;

import java.util.List;

/**
 * One labelled failure as read from JSONL.
 *
 * @param id record id
 * @param text the failure as logged (a trace, a log line)
 * @param label taxonomy id
 * @param source where it comes from ({@code generated}, {@code real}, or the file's own source field)
 * @param group records of one group (a scenario) stay on one side of the train/validation split
 * @param appPackages application package prefixes, possibly empty
 * @param rootCause gold root cause for scoring, or null
 * @param appFrame gold application frame for scoring, or null
 */
public record Example(
    String id,
    String text,
    String label,
    String source,
    String group,
    List<String> appPackages,
    String rootCause,
    String appFrame) {}
