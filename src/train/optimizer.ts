/**
 * Update rules: how a gradient moves the parameters. Plain gradient descent steps against the gradient; Adam
 * (Kingma & Ba, 2015) scales each parameter's step by running averages of its gradient and squared gradient.
 */

export const OPTIMIZERS = ["gd", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface Optimizer {
  /** Moves `params` (in place) one step against `grad`. */
  step(params: Float64Array, grad: Float64Array): void;
}

export function gradientDescent(learningRate: number): Optimizer {
  return {
    step(params, grad) {
      for (let k = 0; k < params.length; k++) params[k]! -= learningRate * grad[k]!;
    },
  };
}

/** The defaults of the paper, PyTorch and Keras. */
export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

export function adam(learningRate: number, size: number, { beta1, beta2, epsilon } = ADAM_DEFAULTS): Optimizer {
  const m = new Float64Array(size); // running mean of the gradient
  const v = new Float64Array(size); // running mean of its square
  let t = 0;
  return {
    step(params, grad) {
      t++;
      // Both averages start at zero, which biases early steps towards zero: dividing by 1 - beta^t removes that.
      const mScale = 1 / (1 - beta1 ** t);
      const vScale = 1 / (1 - beta2 ** t);
      for (let k = 0; k < params.length; k++) {
        const g = grad[k]!;
        m[k] = beta1 * m[k]! + (1 - beta1) * g;
        v[k] = beta2 * v[k]! + (1 - beta2) * g * g;
        params[k]! -= (learningRate * m[k]! * mScale) / (Math.sqrt(v[k]! * vScale) + epsilon);
      }
    },
  };
}

export function optimizer(name: OptimizerName, learningRate: number, size: number): Optimizer {
  return name === "adam" ? adam(learningRate, size) : gradientDescent(learningRate);
}
