public enum LPModelPlaceholder {}
