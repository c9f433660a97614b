/**
 * Stage 2: the cause and the fix of a failure, in Korean and English, grounded in the trace.
 *
 * <h2>How it works</h2>
 * <ol>
 *   <li>{@code EntityExtractor} pulls the concrete things out of the masked cause chain with precompiled, bounded
 *       regexes: the null variable and the method called on it, table, constraint and value (H2, PostgreSQL,
 *       MySQL, Oracle wording), host and port, URL and HTTP status, file path, amounts and limits, pool and
 *       time-out, missing class and member, parse input and position, and the application location.</li>
 *   <li>{@code KnowledgeBase} picks, for the label stage 1 chose, the first variant of {@code variants.txt} whose
 *       conditions the entities meet (unique vs. foreign-key constraint, method call vs. unboxing on null...).</li>
 *   <li>The variant's texts in {@code kb_en.txt} or {@code kb_ko.txt} are filled with the entities; parts whose
 *       values the trace lacks are left out or replaced by a general phrase, never by a guess.</li>
 *   <li>When stage 1 is unsure, the second reading's cause and fix are added.</li>
 * </ol>
 *
 * <h2>Correcting or extending the knowledge base</h2>
 * The three resources next to this package ({@code src/main/resources/io/logdx/core/stage2/}) are plain UTF-8
 * text, described at their top. To add a variant: add a line {@code label.variant conditions...} to
 * {@code variants.txt} before the label's last (unconditional) variant, and a {@code == label.variant} section
 * with {@code cause:} and {@code fix:} to both language files. {@code KnowledgeBaseTest} checks that every
 * taxonomy label has texts in both languages, that every placeholder outside an optional part is guaranteed by
 * the variant's conditions, and that no words run together at optional parts.
 *
 * <h2>Another generator</h2>
 * See {@link io.logdx.core.stage2.KnowledgeBaseGenerator}: any {@link io.logdx.core.Generator} can be passed to
 * {@code Diagnoser.builder().generator(...)}.
 */
package io.logdx.core.stage2;
