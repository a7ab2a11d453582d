"""The skills portfolio: skills across every credential, micro-credential elements, stacks toward goals."""
