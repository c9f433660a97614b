package io.logdx.core.stage2;

/**
 * Exceptions of libraries that inference-core does not depend on (JPA, Spring, Bean Validation) and of a
 * bank's own domain, named and worded as the real ones are, for the labels whose failures cannot be caused
 * in a unit test of this module. Each is thrown by test code, never built only to be parsed.
 */
final class DomainExceptions {
  private DomainExceptions() {}

  /** Like {@code jakarta.persistence.OptimisticLockException} (Hibernate's wording). */
  static final class OptimisticLockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OptimisticLockException(String message) {
      super(message);
    }
  }

  /** Like Spring's {@code org.springframework.transaction.UnexpectedRollbackException}. */
  static final class UnexpectedRollbackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnexpectedRollbackException(String message) {
      super(message);
    }
  }

  /** Like {@code jakarta.persistence.EntityNotFoundException}. */
  static final class EntityNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EntityNotFoundException(String message) {
      super(message);
    }
  }

  /** Like {@code org.hibernate.LazyInitializationException}. */
  static final class LazyInitializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LazyInitializationException(String message) {
      super(message);
    }
  }

  /** Like {@code jakarta.validation.ConstraintViolationException} (its message lists path: message pairs). */
  static final class ConstraintViolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConstraintViolationException(String message) {
      super(message);
    }
  }

  static final class InsufficientBalanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InsufficientBalanceException(String message) {
      super(message);
    }
  }

  static final class TransferLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TransferLimitExceededException(String message) {
      super(message);
    }
  }

  static final class DuplicateTransactionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateTransactionException(String message) {
      super(message);
    }
  }

  static final class AccountFrozenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AccountFrozenException(String message) {
      super(message);
    }
  }

  /** Something no category fits. */
  static final class WidgetCalibrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WidgetCalibrationException(String message) {
      super(message);
    }
  }
}
