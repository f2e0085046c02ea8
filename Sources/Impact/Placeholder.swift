public enum ImpactPlaceholder {}
