package io.logdx.trainer.model;

/**
 * Hyper-parameters of one training run. Chosen on the validation split of the training data, never on dev.
 *
 * @param dim embedding size of the bag (0: no bag)
 * @param hidden hidden units of the head
 * @param epochs most epochs
 * @param patience epochs without a better validation macro-F1 before stopping
 * @param batch mini-batch size
 * @param lr AdamW learning rate
 * @param weightDecay AdamW decoupled weight decay
 * @param smoothing label smoothing
 * @param featureDropout probability of dropping one feature id while training
 * @param classWeightPower class weight = (mean count / count)^power; 0 disables class weights
 * @param seed seed of initialisation, shuffling and dropout
 */
public record TrainConfig(
    int dim,
    int hidden,
    int epochs,
    int patience,
    int batch,
    float lr,
    float weightDecay,
    float smoothing,
    float featureDropout,
    double classWeightPower,
    long seed) {

  public static TrainConfig defaults() {
    return new TrainConfig(48, 96, 30, 4, 32, 3e-3f, 1e-4f, 0.1f, 0.3f, 0.5, 20261125L);
  }

  public TrainConfig withDim(int d) {
    return new TrainConfig(
        d,
        hidden,
        epochs,
        patience,
        batch,
        lr,
        weightDecay,
        smoothing,
        featureDropout,
        classWeightPower,
        seed);
  }

  public TrainConfig withEpochs(int e) {
    return new TrainConfig(
        dim,
        hidden,
        e,
        patience,
        batch,
        lr,
        weightDecay,
        smoothing,
        featureDropout,
        classWeightPower,
        seed);
  }

  public TrainConfig withSeed(long s) {
    return new TrainConfig(
        dim,
        hidden,
        epochs,
        patience,
        batch,
        lr,
        weightDecay,
        smoothing,
        featureDropout,
        classWeightPower,
        s);
  }
}
