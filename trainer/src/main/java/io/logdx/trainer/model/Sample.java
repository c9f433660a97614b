package io.logdx.trainer.model;

/**
 * One featurized training or evaluation example.
 *
 * @param ids lexical feature ids (hashed buckets), or an empty array for a model without the bag
 * @param segments the bag segment of each id (see LexicalFeaturizer.Features)
 * @param dense pooled encoder embedding, or an empty array for a model without the encoder
 * @param label index of the gold label
 * @param weight sample weight (source weighting; class weights are applied by the trainer)
 */
public record Sample(int[] ids, int[] segments, float[] dense, int label, float weight) {}
